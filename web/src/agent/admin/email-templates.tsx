import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import type { ResponseOf } from '../../api/types.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { Loading } from '../../ui/states.tsx';
import { type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

type Template = ResponseOf<'/api/v1/email-templates/{key}'>;

/** Email templates: the subject and bodies of every mail Tessera sends, with a preview. */
export default function EmailTemplatesScreen() {
  const [previewing, setPreviewing] = useState<Template | null>(null);
  const config: ResourceConfig<Template> = {
    noun: 'template',
    title: 'Email templates',
    queryKey: ['admin', 'email-templates'],
    list: async () => (await call(api.GET('/api/v1/email-templates'))).items,
    keyOf: (item) => item.key,
    titleOf: (item) => item.key,
    columns: [
      { label: 'Template', render: (item) => <code>{item.key}</code> },
      { label: 'Sent when', render: (item) => item.description },
      { label: 'Subject', render: (item) => item.subject },
      {
        label: '',
        render: (item) =>
          item.isCustomized ? <Badge className="bg-blue-100 text-blue-900">Changed</Badge> : null,
      },
    ],
    fields: [
      {
        name: 'variables',
        label: 'Variables',
        kind: 'custom',
        render: (value) => (
          <p className="text-xs text-slate-700">
            Variables: {(Array.isArray(value) ? value : []).map((name) => `{{${name}}}`).join(', ') || 'none'}
          </p>
        ),
      },
      { name: 'subject', label: 'Subject', kind: 'text', required: true },
      { name: 'bodyText', label: 'Plain text body', kind: 'textarea', required: true },
      { name: 'bodyHtml', label: 'HTML body', kind: 'textarea', required: true },
    ],
    toForm: (item) => ({
      variables: item?.variables ?? [],
      subject: item?.subject ?? '',
      bodyText: item?.bodyText ?? '',
      bodyHtml: item?.bodyHtml ?? '',
    }),
    update: (item, form) =>
      call(
        api.PUT('/api/v1/email-templates/{key}', {
          params: { path: { key: item.key } },
          body: {
            subject: text(form, 'subject'),
            bodyText: text(form, 'bodyText'),
            bodyHtml: text(form, 'bodyHtml'),
          },
        }),
      ),
    remove: {
      label: 'Restore default',
      explain: 'Your changes to this template are discarded.',
      run: (item) =>
        call(api.DELETE('/api/v1/email-templates/{key}', { params: { path: { key: item.key } } })),
    },
    rowActions: (item) => (
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setPreviewing(item)}
        aria-label={`Preview ${item.key}`}
      >
        Preview
      </Button>
    ),
  };
  return (
    <>
      <ResourceScreen config={config} />
      {previewing ? <Preview template={previewing} onClose={() => setPreviewing(null)} /> : null}
    </>
  );
}

function Preview({ template, onClose }: { template: Template; onClose: () => void }) {
  const preview = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/email-templates/{key}/preview', {
          params: { path: { key: template.key } },
          body: {},
        }),
      ),
  });
  const [hasStarted, setStarted] = useState(false);
  if (!hasStarted) {
    setStarted(true);
    preview.mutate();
  }
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Preview of ${template.key}`}
      description="Rendered with sample data."
      width="lg"
    >
      {preview.isPending ? <Loading /> : null}
      {preview.error ? (
        <p role="alert" className="text-sm text-red-800">
          {messageOf(preview.error)}
        </p>
      ) : null}
      {preview.data ? (
        <div className="space-y-3 text-sm">
          <p>
            <strong>Subject:</strong> {preview.data.subject}
          </p>
          {preview.data.unknownVariables.length > 0 ? (
            <p className="text-amber-900">
              Unknown variables (render empty): {preview.data.unknownVariables.join(', ')}
            </p>
          ) : null}
          <iframe
            title="HTML body"
            sandbox=""
            srcDoc={preview.data.bodyHtml}
            className="h-64 w-full rounded border border-slate-200 bg-white"
          />
          <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">
            {preview.data.bodyText}
          </pre>
        </div>
      ) : null}
    </Modal>
  );
}
