import { assignmentRoutes } from './resources/assignments';
import { categoryRoutes } from './resources/categoryCodes';
import { certificateRoutes } from './resources/certificates';
import { contractorRoutes } from './resources/contractors';
import { entityRoutes } from './resources/entities';
import { eventRoutes } from './resources/events';
import { invoiceRoutes } from './resources/invoices';
import { jobRoutes } from './resources/jobs';
import { policyRoutes } from './resources/policies';
import { quoteRoutes } from './resources/quotes';
import { sessionRoutes } from './resources/sessions';
import { webhookEndpointRoutes } from './resources/webhookEndpoints';
import type { Route } from './router';

/** The whole `/api/v1` surface. */
export const API_ROUTES: readonly Route[] = [
	...contractorRoutes,
	...entityRoutes,
	...jobRoutes,
	...categoryRoutes,
	...quoteRoutes,
	...sessionRoutes,
	...policyRoutes,
	...assignmentRoutes,
	...invoiceRoutes,
	...certificateRoutes,
	...webhookEndpointRoutes,
	...eventRoutes,
];
