// Swagger UI, served by this app (no CDN), pointed at this app's OpenAPI document
// (relabelled 3.0 for this Swagger UI version; the real 3.1 document is /openapi.json).
window.ui = SwaggerUIBundle({ url: "/docs/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
