// Swagger UI, served by this app (no CDN), pointed at this app's OpenAPI document.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
