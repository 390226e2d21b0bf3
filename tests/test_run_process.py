"""newsmill.process: lazy, in order, one record per input, failures as error records."""

from __future__ import annotations

from collections.abc import Iterator

import newsmill
from newsmill.options import Options


def test_run_process_lazy_ordered_with_errors() -> None:
    pulled: list[int] = []

    def source() -> Iterator[object]:
        for i in range(100):
            pulled.append(i)
            if i == 5:
                yield b"\x00\x01 binary"
            elif i == 6:
                yield {"url": "http://x/6"}  # no page in it
            else:
                yield {
                    "text": (
                        f"Council votes on bridge plan, day {i}\n\nThe council met on day {i} and voted "
                        "on the plan for a new bridge over the river, ending years of debate.\n\n"
                        "Work is expected to begin next spring and take two years, the mayor said."
                    ),
                    "url": f"http://x/{i}",
                    "id": str(i),
                }

    out = newsmill.process(source(), Options(nlp=False), batch_size=8)
    first = next(out)
    assert len(pulled) == 8  # only one batch was read to yield the first record
    rest = list(out)
    records = [first, *rest]
    assert len(records) == 100
    assert [r.source.url for r in records if r.source.url][:3] == ["http://x/0", "http://x/1", "http://x/2"]
    assert records[5].warnings[0].startswith("error: extract: InputError") and records[5].text == ""
    assert records[6].warnings[0].startswith("error:")
    assert "day 9 " in records[9].text
    assert len({r.id for r in records}) == 100
