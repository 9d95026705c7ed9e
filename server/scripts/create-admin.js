// npm run create-admin -w server -- --phone 13900000000 --name 张三
// Creates the first administrator from a shell (server/src/modules/auth/create-admin.command.ts):
// builds what changed first, as npm start does, then runs the command from server/dist.
const { buildIfNeeded } = require('../../scripts/build-if-needed');

buildIfNeeded({ only: ['shared', 'server'], log: (line) => console.error(line) });
require('../dist/modules/auth/create-admin.command')
  .main(process.argv.slice(2))
  .then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
