import type { JobHandler } from '../runtime.ts';

export const importFileJob: JobHandler<'import-file'> = async () => {
  throw new Error('import-file: being built (issue 3)');
};
