import { beforeEach } from 'vitest';
import { forgetInProcessWindows } from '../../nodes/Ten99PolicyTrigger/recentInProcess';
import { webhookAnswers } from '../helpers/baseNodeDoubles';
import { forgetDataTables } from '../helpers/dataTableDouble';
import { knownEntities } from '../../src/ten99policy/knownEntities';

// Each test starts as a freshly started n8n process would: no in-process memory of delivered webhook events, and
// no entities remembered by Entity → Find or Create.
beforeEach(() => {
	forgetInProcessWindows();
	knownEntities.clear();
	forgetDataTables();
	webhookAnswers.length = 0;
});
