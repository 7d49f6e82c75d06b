/** The email ops and admin users get when a source has failed SOURCE_FAILURE_ALERT_AFTER pulls in a row. */
import type { Config } from '@scorecard/config';
import type { Db } from '@scorecard/db/database';
import { opsRecipients, type SourceRow } from '@scorecard/db/sources/sources';
import { createMailer } from '../mailer.ts';

export async function alertFailingSource(
  deps: { db: Db; config: Config },
  source: SourceRow,
  failures: number,
  lastError: string,
): Promise<boolean> {
  const recipients = await opsRecipients(deps.db);
  if (recipients.length === 0) return false;
  const link = `${deps.config.http.publicUrl}/sources`;
  await createMailer(deps.config.smtp).sendMail({
    from: deps.config.smtp.from,
    to: recipients,
    subject: `Import source "${source.name}" is failing (${failures} pulls in a row)`,
    text:
      `The import source "${source.name}" (${source.kind}) has failed ${failures} pulls in a row.\n\n` +
      `Last error: ${lastError}\n\nNo data arrives from it until this is fixed. Sources: ${link}\n`,
  });
  return true;
}
