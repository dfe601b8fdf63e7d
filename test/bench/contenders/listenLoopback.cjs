// Preload for the Portkey gateway child process (node --require): every TCP server it starts
// listens on 127.0.0.1 only, whatever host it asks for (it calls serve({port}) with no hostname,
// which would listen on every interface). Prints where it listens on stderr so the bench can check.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const port = Number(args[0]);
    const rest = args.slice(1).filter((a) => typeof a === 'function');
    this.once('listening', () => process.stderr.write(`[listen-loopback] ${JSON.stringify(this.address())}\n`));
    return listen.call(this, port, '127.0.0.1', ...rest);
  }
  if (args[0] && typeof args[0] === 'object' && !args[0].path) {
    args[0] = { ...args[0], host: '127.0.0.1' };
    this.once('listening', () => process.stderr.write(`[listen-loopback] ${JSON.stringify(this.address())}\n`));
  }
  return listen.apply(this, args);
};
