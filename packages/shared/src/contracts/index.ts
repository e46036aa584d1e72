// HTTP contracts (zod) shared by the server, the portal and the desktop.
export * from './amazon-connections.js';
export * from './orders.js';
export * from './sync.js';
export * from './retention.js';
