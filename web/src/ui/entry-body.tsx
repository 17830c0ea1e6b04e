/** An entry's body: the HTML the server sanitized on the way in, or its plain text when there is none. */
export function EntryBody({ html, text }: { html: string; text: string }) {
  if (!html.trim()) return <p className="whitespace-pre-wrap">{text}</p>;
  return (
    <div
      className="prose-entry break-words"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: bodies are sanitized by the server (sanitize-html) and the page's CSP allows no inline script.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
