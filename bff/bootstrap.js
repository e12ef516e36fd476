// Production entry: runs the compiled app from dist/. It lives outside src/ because Midway loads
// every file under its base directory at start, and this file starts the app.
const { Bootstrap } = require('@midwayjs/bootstrap');

// Midway stops the app (closing the database and the HTTP server) on SIGINT/SIGTERM, so requests
// in flight finish before the process exits.
// appDir pinned to this package, so the data and log folders do not depend on the working directory
Bootstrap.configure({ appDir: __dirname, baseDir: require('path').join(__dirname, 'dist') }).run();
