/** A text field of a submitted form, trimmed; '' when absent (files are never text fields here). */
export function formText(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === 'string' ? value.trim() : '';
}
