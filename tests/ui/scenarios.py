"""What a user does in the main window, shared by tests and benchmarks (tests/bench/)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

WaitFor = Callable[[Callable[[], bool]], None]  # process events until the condition holds


def translation_settled(window) -> bool:
    """The open document's translation job ended and the reader caught up."""
    view = window.reader.document_view()
    return (
        not window.translation.is_running()
        and window.ctx.tasks.is_idle()
        and view is not None
        and view.pending == 0
        and window.reader.is_settled()
    )


def translate_while_using(window, doc_ids: Iterable[int], wait_for: WaitFor) -> None:
    """Open each document, hover and scroll while its translation lands, wait until it is done."""
    for doc_id in doc_ids:
        finished: list[bool] = []

        def ended() -> None:
            finished.append(True)

        window.translation.finished.connect(ended)
        try:
            window.open_document(doc_id)
            wait_for(lambda: window.reader.current_document() == doc_id and window.reader.document_view() is not None)
            view = window.reader.document_view()
            window.reader.hover_sentence(view.doc.sentences[-1].index)
            bar = window.reader.view.verticalScrollBar()
            bar.setValue(bar.maximum() // 2)
            wait_for(lambda: bool(finished) and translation_settled(window))
        finally:
            window.translation.finished.disconnect(ended)
