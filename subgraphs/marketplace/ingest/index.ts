/** What the marketplace takes in: events pushed to its webhook or pulled from a platform's API, and the demo data. */
export { applyMarketplaceEvents, hubIds, type AppliedBatch, type FeedChannel } from './apply-events';
export { apiToken, parsePlatform, secretVariable, tokenVariable, webhookSecret } from './credentials';
export { MARKETPLACE_EVENT_TYPES, MAX_EVENTS_PER_BATCH, parseEventBatch, type MarketplaceEvent, type MarketplaceEventType } from './event-format';
export { pullMarketplace, type EventsPage, type PullOptions, type PullSummary } from './pull';
export { marketplaceWebhookRoutes, WEBHOOK_PATH } from './webhook';
