// Seller authorization (Grant model): consent round trips, connections, encrypted refresh
// tokens. See apps/server/README.md, "Seller authorization".
export {
  createConnections,
  createRefreshTokenSource,
  REFRESH_TOKEN_COLUMN,
  type Connections,
  type ConnectionsOptions,
} from './connections.module.js';
export { createConnectionRepository, type ConnectionRepository } from './connection.repository.js';
export { toConnectionView, type ConnectionView } from './connection.service.js';
