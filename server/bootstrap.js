// Starts the API (and the built H5 app) from dist/. Build first: npm run build -w server.
const { Bootstrap } = require('@midwayjs/bootstrap');

Bootstrap.run();
