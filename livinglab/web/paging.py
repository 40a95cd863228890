"""Paged list pages: the `?page=` asked for, and how many pages the pager macro shows."""

from flask import request

PER_PAGE = 50


def requested_page():
    """The 1-based page in `?page=`; not a number or below 1 is page 1, and a number no database
    integer holds is refused with a 400 (`type=int` reads are bounded by `input_guard`)."""
    return max(request.args.get("page", 1, type=int) or 1, 1)


def page_count(total, per_page=PER_PAGE):
    return max((total + per_page - 1) // per_page, 1)


def pager(total, page):
    """The template values of a paged list: total, this page, how many pages, the filters to keep."""
    return {"total": total, "page": page, "pages": page_count(total), "args": request.args}
