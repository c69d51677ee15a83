import { beforeEach } from 'vitest';
import { forgetInProcessWindows } from '../../nodes/Ten99PolicyTrigger/recentInProcess';

// Each test starts as a freshly started n8n process would: no in-process memory of delivered webhook events.
beforeEach(() => forgetInProcessWindows());
