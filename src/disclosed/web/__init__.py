"""The web app: server-rendered pages, a JSON API, charts and exports over the store (`disclosed serve`)."""
