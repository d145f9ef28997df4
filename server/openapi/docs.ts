import path from 'node:path';
import express, { type Router } from 'express';

// The Swagger UI bundle from npm, served by the desk itself: the reference works offline and no CDN sees who reads it.
const ASSETS = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const BASE = '/api/docs';

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>LoopDesk API reference</title>
  <link rel="stylesheet" href="${BASE}/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="${BASE}/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${BASE}/assets/swagger-ui-bundle.js"></script>
  <script src="${BASE}/init.js"></script>
</body>
</html>`;

// A separate script rather than inline, so a Content-Security-Policy without 'unsafe-inline' still allows it.
const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  displayOperationId: true,
  presets: [SwaggerUIBundle.presets.apis],
});
`;

/** `GET /api/docs`: a browsable reference of `/api/openapi.json` for integrators ("Authorize" takes a sign-in token). */
export function apiDocs(): Router {
  const router = express.Router();
  router.get(BASE, (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page);
  });
  router.get(`${BASE}/init.js`, (_req, res) => {
    res.type('js').set('Cache-Control', 'no-cache').send(init);
  });
  router.use(`${BASE}/assets`, express.static(ASSETS, { index: false, maxAge: '1d' }));
  return router;
}
