// Preloaded (`node -r`) into the sandbox and bff when the stack runs on shifted ports — the browser
// tests do, so they never collide with a developer's `npm start` on the same machine. It shifts
// every port of config/ports.cjs by DZKY_PORT_OFFSET in this process: the sandbox CLI and bff's
// defaults read the port map through require('@dzky/config'), which is this same module.
const offset = Number(process.env.DZKY_PORT_OFFSET || 0);
if (offset) {
  const ports = require('../../config/ports.cjs');
  for (const name of Object.keys(ports)) ports[name] += offset;
}
