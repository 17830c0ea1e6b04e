import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { Button } from '../../ui/button.tsx';

/** Emails an active agent a fresh link to choose their password, and says how that went. */
export function AgentInviteButton({ agent }: { agent: { id: number; name: string; isActive: boolean } }) {
  const invite = useMutation({
    mutationFn: () => call(api.POST('/api/v1/agents/{id}/invite', { params: { path: { id: agent.id } } })),
  });
  if (!agent.isActive) return null;
  return (
    <>
      {invite.isSuccess ? (
        <span role="status" className="mr-2 text-xs text-emerald-800">
          Invitation sent
        </span>
      ) : null}
      {invite.isError ? (
        <span role="alert" className="mr-2 text-xs text-red-700">
          {messageOf(invite.error)}
        </span>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        isBusy={invite.isPending}
        onClick={() => invite.mutate()}
        aria-label={`Invite ${agent.name}`}
      >
        Invite
      </Button>
    </>
  );
}
