"""Waiting for a report: the job's page (its place in the queue, the expected seconds, a
status announced to screen readers, a refresh without JavaScript), its status as JSON for
the page's small script, and the page of a full queue (503 with Retry-After)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from monographs.web.jobs import Job
from monographs.web.pages import render, translator
from monographs.web.reports import LANGUAGES
from monographs.web.routes.common import language, site

REFRESH = 2  # seconds between two refreshes of a waiting page without JavaScript


def download_url(request: Request, job: Job) -> str:
    """Where the job's report is downloaded once it is done."""
    d = site(request).directory
    p = job.params
    if job.kind == "monograph":
        return f"/{p['lang']}/t/{p['code']}-{d.slug(p['code'])}/report.pdf"
    return f"/{p['lang']}/compare/{p['level']}/comparison.pdf?codes={','.join(p['codes'])}"


def back_url(request: Request, job: Job, lang: str) -> str:
    """The page the job was asked from, in ``lang``."""
    d = site(request).directory
    p = job.params
    if job.kind == "monograph":
        return f"/{lang}/t/{p['code']}-{d.slug(p['code'])}"
    return f"/{lang}/compare/{p['level']}?codes={','.join(p['codes'])}"


def status_words(request: Request, job: Job, lang: str) -> dict:
    """The job's state as the page says it."""
    pool = site(request).pool
    _ = translator(lang).gettext
    number = translator(lang).number
    position = pool.position(job) if job.state == "queued" else 0
    seconds = pool.expected_seconds(job) if not job.over else 0
    if job.state == "queued":
        text = _("Waiting: {ahead} report(s) before yours, about {seconds} seconds.").format(
            ahead=number(position), seconds=number(seconds)
        )
    elif job.state == "running":
        text = _("Being prepared: about {seconds} seconds left.").format(seconds=number(seconds))
    elif job.state == "done":
        text = _("Ready: the download starts.")
    else:
        text = _("The report could not be prepared.")
    return {
        "state": job.state,
        "position": position,
        "seconds": seconds,
        "text": text,
        "download": download_url(request, job) if job.state == "done" else "",
    }


async def page(request: Request) -> Response:
    """The waiting page of a job (and, once done, the link to its report)."""
    lang = language(request)
    job = site(request).pool.get(request.path_params["job_id"][:40])
    if job is None:
        raise HTTPException(404)
    status = status_words(request, job, lang)
    s = site(request)
    if job.kind == "monograph":
        title = s.directory.place(job.params["code"], lang).name
    else:
        title = ", ".join(s.directory.place(c, lang).name for c in job.params["codes"])
    return render(
        request,
        "job.html.j2",
        lang,
        status=500 if job.state == "failed" else 200,
        job=job,
        words=status,
        title=title,
        back=back_url(request, job, lang),
        refresh=REFRESH if not job.over else 0,
        report_lang=job.params["lang"],
    )


async def status_json(request: Request) -> Response:
    """The job's state for the waiting page's script: ``/jobs/ID.json?lang=fr``."""
    lang = request.query_params.get("lang", "")
    lang = lang if lang in LANGUAGES else "en"
    job = site(request).pool.get(request.path_params["job_id"][:40])
    if job is None:
        return JSONResponse({"state": "unknown"}, status_code=404)
    return JSONResponse(status_words(request, job, lang), headers={"Cache-Control": "no-store"})


def busy(request: Request, lang: str, retry_after: int) -> Response:
    """The page of a full queue: 503, Retry-After, and what to do."""
    response = render(request, "busy.html.j2", lang, status=503, retry_after=retry_after)
    response.headers["Retry-After"] = str(retry_after)
    return response
