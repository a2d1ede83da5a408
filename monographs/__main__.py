"""``python -m monographs``: the command line."""

from monographs.cli import main

if __name__ == "__main__":
    main()
