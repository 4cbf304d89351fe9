// dynalite as a child of a JVM (testkit's EmbeddedDynamoDb starts it; see that class for the protocol).
//
// Why a launcher instead of dynalite's own cli.js:
// - port 0: the OS picks a free port and we print it, so parallel JVMs never race for one;
// - a readiness line on stdout ("DYNALITE_READY <port>") once the server listens;
// - the child ends when its parent does: the JVM holds our stdin open, and when that pipe closes
//   (the JVM exited, even by SIGKILL, where no shutdown hook runs) we exit, so no dynalite outlives it;
// - SIGTERM closes the store cleanly (LevelDB is flushed when --path persists it).
'use strict'

const args = require('minimist')(process.argv.slice(2), { string: [ 'path', 'host' ] })
const dynalite = require('dynalite')

const server = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  path: args.path || undefined,
})

let stopping = false
function stop (code) {
  if (stopping) return
  stopping = true
  // Never wait long: the parent is gone or asked us to go.
  setTimeout(() => process.exit(code), 2000).unref()
  server.close(() => process.exit(code))
}

// An error dynalite throws while serving one request must not take the whole emulator down: that
// would turn every later call of the JVM into "Connection refused" with no word on why. Say it (the
// JVM prints these lines at once) and keep serving; the one request that hit it times out.
process.on('uncaughtException', (err) => {
  console.error('DYNALITE_UNCAUGHT ' + String((err && err.stack) || err).replace(/\n\s*/g, ' | '))
})

server.on('error', (err) => {
  console.error('DYNALITE_FAILED ' + err.message)
  process.exit(2)
})

server.listen(Number(args.port || 0), args.host || '127.0.0.1', () => {
  console.log('DYNALITE_READY ' + server.address().port)
})

process.stdin.on('end', () => stop(0))
process.stdin.on('error', () => stop(0))
process.stdin.resume()
process.on('SIGTERM', () => stop(0))
process.on('SIGINT', () => stop(0))
