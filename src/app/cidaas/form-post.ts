/**
 * Submits a real top-level `<form method="POST">` (urlencoded) so the browser navigates and follows
 * cidaas' redirects, exactly like a user-submitted form. Values go in the request body, never the URL.
 * The form is detached from the page's own form, so Angular's `ngSubmit` handling is not involved.
 */
export function postForm(
  document: Document,
  action: string,
  fields: Readonly<Record<string, string>>,
): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = action;
  form.enctype = 'application/x-www-form-urlencoded';
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
