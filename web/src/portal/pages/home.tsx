import { Link } from '@tanstack/react-router';
import { usePortalSession } from '../session.tsx';

/** The portal's front page: open a ticket, or check one. */
export function HomePage() {
  const { user } = usePortalSession();
  const card =
    'block rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-blue-400 hover:shadow';
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">How can we help?</h1>
        <p className="mt-1 text-slate-700">
          Tell us what is wrong, or follow up on something you already reported.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Link to="/open" className={card}>
          <h2 className="text-lg font-semibold text-blue-900">Open a ticket</h2>
          <p className="mt-1 text-sm text-slate-700">
            Describe the problem; you can attach screenshots or files.
          </p>
        </Link>
        {user ? (
          <Link to="/tickets" className={card}>
            <h2 className="text-lg font-semibold text-blue-900">My tickets</h2>
            <p className="mt-1 text-sm text-slate-700">See where your requests stand and answer them.</p>
          </Link>
        ) : (
          <Link to="/check" className={card}>
            <h2 className="text-lg font-semibold text-blue-900">Check a ticket</h2>
            <p className="mt-1 text-sm text-slate-700">
              We email you a link that opens your ticket, no password needed.
            </p>
          </Link>
        )}
      </div>
    </div>
  );
}
