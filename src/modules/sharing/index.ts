/**
 * Sharing rules and conditional access requests (有条件共享): what other parts of the hub use of this
 * module. The GraphQL resolvers are not here: only src/schema.ts assembles them (sharing.resolver.ts).
 * Who may see and do what is src/policy/access-requests.ts (and src/policy/sharing.ts for levels).
 */
export { AccessRequest, SharingAction, SharingEvent, SharingRule } from './sharing.entity.js';
export { sharingRules } from './sharing.rules.js';
export { sharingLoaders } from './sharing.loaders.js';
export { accessRequestsByIds, type AccessRequestRow } from './sharing.repo.js';
export { startSharingCache, sharingCacheOf, type SharingCache } from './sharing.cache.js';
