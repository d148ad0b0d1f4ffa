"""The CLI reference (docs/cli.md), generated from the commands themselves.

    python -m disclosed.cli.reference > docs/cli.md

A test compares docs/cli.md with this output, so the reference can't drift from the commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from disclosed.cli import register

HEADER = """# The `disclosed` command

Generated from the commands by `python -m disclosed.cli.reference > docs/cli.md`; a test fails when
this file and the commands differ. Every command also prints its own help with `-h`.
"""


def _commands(group: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    yield path, group
    for name in sorted(getattr(group, "commands", {})):  # sorted: the same whatever the import order
        command = group.commands[name]
        if command.hidden:
            continue
        yield from _commands(command, [*path, name])


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _help_text(command: Any) -> str:
    text = (command.help or "").strip()
    return "\n".join(line.strip() for line in text.splitlines())


def _option_row(param: Any, ctx: Any) -> str:
    record = param.get_help_record(ctx)
    names, help_text = record if record else (", ".join(param.opts), "")
    return f"| `{_cell(names)}` | {_cell(help_text)} |"


def reference_markdown() -> str:
    root = typer.main.get_command(register())
    out = [HEADER]
    for path, command in _commands(root, ["disclosed"]):
        ctx = typer._click.Context(command, info_name=" ".join(path))
        out.append(f"\n## `{' '.join(path)}`\n")
        out.append(f"```\n{command.get_usage(ctx).removeprefix('Usage: ')}\n```\n")
        if (text := _help_text(command)):
            out.append(text + "\n")
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        options = [p for p in command.params if p.param_type_name == "option" and not p.hidden]
        if arguments:
            out.append("| argument | help |\n|---|---|")
            for p in arguments:
                out.append(f"| `{p.name.upper()}` | {_cell(getattr(p, 'help', None) or '')} |")
            out.append("")
        if options:
            out.append("| option | help |\n|---|---|")
            out.extend(_option_row(p, ctx) for p in options)
            out.append("| `-h, --help` | Show this message and exit. |")
            out.append("")
        if getattr(command, "commands", None):
            out.append("| command | what it does |\n|---|---|")
            for name, sub in sorted(command.commands.items()):
                if not sub.hidden:
                    out.append(f"| `{name}` | {_cell(sub.get_short_help_str(limit=200))} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(reference_markdown(), end="")
