// swagger-ui-dist's index loads the browser bundle, which fails under jest's module loader; the
// server side needs only the folder of the static files.
const { dirname } = require('path');
const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
module.exports = { getAbsoluteFSPath: () => dir, absolutePath: dir };
