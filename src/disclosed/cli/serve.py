"""The web app's commands (serve, users, export) live with the web app; importing registers them."""

import disclosed.web.commands  # noqa: F401
