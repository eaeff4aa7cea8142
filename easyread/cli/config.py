"""easyread config"""

from __future__ import annotations

import json

import click

from easyread.cli.options import config_options


@click.group()
def config() -> None:
    """Show the merged configuration and data versions."""


@config.command("show")
@config_options
def show(config_file: str | None, profile: str | None) -> None:
    """Print the merged config (defaults, project file, --config) and every data file's version.

    \b
    Example:
      easyread config show --profile easy-read
    """
    from easyread.config import load_config
    from easyread.data import manifest

    cfg = load_config(config_file=config_file, profile=profile)
    payload = {
        "sources": list(cfg.sources),
        "profile": cfg.profile,
        "thresholds": [str(t) for t in cfg.thresholds],
        "max_sentence_words": cfg.max_sentence_words,
        "pipeline": list(cfg.pipeline),
        "data": {name: entry.get("version") for name, entry in manifest().get("files", {}).items()},
    }
    click.echo(json.dumps(payload, indent=2))
