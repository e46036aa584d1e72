export { createApp } from './app.js';
export { start, type RunningServer, type StartOptions } from './server.js';
