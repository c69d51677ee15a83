export { startJobDivaStandin, type JobDivaStandin, type RequestLogEntry, type StandinOptions } from './server';
export { coiPdf, defaultFixtures, type CoiOptions, STANDIN_USER, type HireEvent, type Row, type Stamped, type StandinFixtures, type StandinUser } from './fixtures';
export { sendSignedWebhook, type WebhookResult, type WebhookSendOptions } from './webhookSender';
export { fetchTransport } from './fetchTransport';
export { PlacementError, placementWebhookBody, type PlacementChange, type PlacementView } from './placements';
export { type AttachmentInput, type AttachmentView } from './attachments';
