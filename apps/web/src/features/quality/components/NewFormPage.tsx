/** A new form: version 1 as a draft, edited and published from its own page. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateForm } from '../api/forms.ts';
import { blankContent } from './form-content.ts';
import { FormEditor } from './FormEditor.tsx';
import { QualityTabs } from './QualityTabs.tsx';

export default function NewFormPage() {
  const create = useCreateForm();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  return (
    <section className="page" aria-labelledby="new-form-title">
      <header className="page-header">
        <div>
          <h1 id="new-form-title">New review form</h1>
          <p className="lede">Saved as a draft (version 1); publish it when it is ready to review cases on.</p>
        </div>
      </header>
      <QualityTabs />
      <FormEditor
        initial={blankContent()}
        saving={create.isPending}
        error={create.error}
        saveLabel="Create draft"
        onSave={(content) =>
          create.mutate({ key, content }, { onSuccess: (form) => void navigate(`/quality/forms/${form.id}`) })
        }
      >
        <div className="field">
          <label htmlFor="form-key">Form key (shared by all its versions)</label>
          <input
            id="form-key"
            required
            pattern="[a-z0-9][a-z0-9\-]{0,62}"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
      </FormEditor>
    </section>
  );
}
