/**
 * The words generated tickets are made of: IT and customer-support nouns ranked from the most common to
 * the rarest (drawn with a Zipf-like distribution, so search meets very common words, rare ones and shared
 * prefixes), verbs, states, sentence frames and names. Every word is a single lower-case ASCII token, so
 * both databases' tokenizers see the same words.
 */

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** Nouns, most common first: the rank decides how often a word appears. */
export const NOUNS = words(`
  password account email laptop printer login vpn access error server network invoice phone update
  outlook screen application connection portal report file browser wifi license drive folder database
  order payment refund subscription mailbox calendar meeting monitor keyboard headset certificate backup
  website profile permission group computer desktop tablet mobile device software hardware driver
  firmware patch upgrade installation configuration settings domain router switch firewall proxy
  gateway cable port address token link attachment document spreadsheet presentation template signature
  camera microphone speaker dock charger battery adapter display notification alert message chat call
  voicemail scanner copier toner cartridge paper tray shipment delivery contract quote warranty renewal
  discount coupon receipt statement balance credit charge plan trial cancellation billing customer
  supplier vendor project budget timesheet expense approval workflow form survey dashboard export import
  sync storage quota archive share repository bucket cluster instance container deployment pipeline
  build release environment staging production sandbox integration webhook endpoint api key secret
  credential badge desk office room building floor elevator parking visitor contractor intern manager
  director payroll benefits holiday leave onboarding offboarding training course handbook policy audit
  compliance incident outage maintenance migration rollout pilot inventory asset tag serial model
  teams zoom webex slack sharepoint onedrive dropbox salesforce jira confluence sap citrix vmware
  kubernetes docker terraform ansible jenkins gitlab github postgres mysql oracle mongodb redis
  elasticsearch kafka nginx apache tomcat exchange directory ldap kerberos saml oauth okta mfa
  authenticator smartcard bitlocker filevault intune jamf defender antivirus malware phishing spam
  quarantine ransomware encryption vulnerability advisory pentest siem splunk grafana prometheus nagios
  zabbix pagerduty servicenow zendesk hubspot quickbooks netsuite workday tableau powerbi excel word
  powerpoint onenote visio acrobat photoshop illustrator autocad solidworks matlab python java node
  dotnet php ruby golang rust kotlin swift android iphone ipad macbook thinkpad chromebook surface
  projector whiteboard kiosk turnstile lanyard locker shredder laminator plotter headphones webcam
  hotspot modem repeater antenna fiber ethernet bluetooth nfc usb hdmi displayport thunderbolt
  ssd nvme raid iscsi san nas vlan bgp ospf mtu tftp pxe uefi bios tpm dkim dmarc spf smtp imap pop3
  mx cname ttl nameserver registrar wildcard ssl tls cipher handshake keystore truststore csr pem
  pkcs crl ocsp hsm yubikey passkey fido biometrics fingerprint faceid geofence beacon rfid barcode
  label pallet forklift warehouse courier customs tariff manifest waybill consignment dispatch
  fleet telematics odometer dashcam tachograph ignition radiator gearbox clutch alternator
  thermostat humidifier chiller compressor generator inverter switchboard breaker transformer
  sprinkler extinguisher defibrillator stretcher wheelchair ramp handrail escalator dumbwaiter
  mezzanine atrium cafeteria vending espresso kettle microwave dishwasher fridge freezer
  `);

/** Verbs in their base form. */
export const VERBS = words(`
  reset unlock update install restart connect access open sync configure enable disable reinstall remove
  replace upgrade renew cancel refund approve transfer migrate restore recover export import share print
  scan send receive forward verify activate deactivate download upload map mount join register order
  track rename archive delete merge split review escalate schedule extend rotate revoke reissue
  `);

/** What is wrong with something. */
export const PROBLEMS = words(`
  slow locked expired broken missing down unavailable intermittent frozen corrupted disconnected blocked
  delayed wrong duplicated incorrect unresponsive blank stuck overdue failing denied invalid outdated full
  offline unstable noisy flickering overheating misconfigured unreachable rejected truncated garbled
  `);

/** What something is once it is fixed. */
export const FIXED_STATES = words(`
  working available restored stable online reachable updated renewed unlocked connected synchronized
  `);

export const WHEN = [
  'this morning',
  'yesterday',
  'last week',
  'Monday',
  'the weekend',
  'the last update',
  'the office move',
  'two days ago',
  'the power cut',
  'the migration',
];

export const GREETINGS = ['Hi,', 'Hello,', 'Hello team,', 'Good morning,', 'Dear support,', 'Hi there,'];
export const CLOSINGS = ['Thanks,', 'Thank you,', 'Regards,', 'Best regards,', 'Cheers,', 'Many thanks,'];

// Frames: {n} a noun of the ticket, {o} any noun, {v} a verb, {p} a problem, {f} a fixed state, {w} a time.
export const SUBJECT_FRAMES = [
  'Cannot {v} {n}',
  '{n} {p}',
  '{n} is {p}',
  '{p} {n} on {o}',
  'Unable to {v} my {n}',
  '{n} {p} since {w}',
  'Need help to {v} {n}',
  'Request to {v} {n} for a new starter',
  '{n} and {o} {p}',
  'Urgent: {n} {p}',
  'Question about {n} {o}',
  '{n} keeps asking for {o}',
  'Please {v} {n}',
  '{n} error when I {v} the {o}',
  'Re: {n} {p}',
];

export const MESSAGE_SENTENCES = [
  'Since {w} my {n} is {p}.',
  'When I try to {v} the {n} I get an error about the {o}.',
  'I already tried to {v} the {n} but it is still {p}.',
  'This affects our {n} and the whole team.',
  'Could you please {v} my {n}?',
  'The {n} on my {o} shows {p} and nothing else works.',
  'Our {n} has been {p} since {w}.',
  'It worked fine before the {o} {n}.',
  'We need the {n} before the end of the month.',
  'Several colleagues report the same {n} problem.',
  'The {n} says my {o} is {p}.',
  'Is there a way to {v} the {n} myself?',
];

export const REPLY_SENTENCES = [
  'Thanks for reporting this.',
  'I checked the {n} and the {o} was {p}.',
  'Please try to {v} the {n} and let us know if it is still {p}.',
  'We will {v} the {n} tonight during the maintenance window.',
  'Could you send us a screenshot of the {n} error?',
  'The {n} should now be {f}.',
  'I asked the {o} team to {v} your {n}.',
  'Can you confirm which {o} you use for the {n}?',
  'We are still looking into the {n}.',
];

export const NOTE_SENTENCES = [
  'Checked the {n} logs, the {o} looks {p}.',
  'Vendor case opened for the {n}.',
  'Same {n} issue as last week.',
  'Waiting on the {o} team to {v} the {n}.',
  'Requester is a VIP, keep an eye on the {n}.',
  'Known problem with the {n} after the {o} update.',
];

export const PROBLEM_SENTENCES = [
  'The {n} was {p} because of the {o} configuration.',
  'A {p} {o} blocked the {n}.',
  'The {n} was {p} after the {o} update.',
];
export const ACTION_SENTENCES = [
  'We had to {v} the {n} and {v} the {o}.',
  'The {o} was replaced and the {n} reconfigured.',
  'We applied the vendor fix to the {n}.',
];
export const CONFIRMATION_SENTENCES = [
  'The requester confirmed the {n} is {f} again.',
  'Tested the {n} together with the requester.',
  'Monitoring shows the {n} {f} for a day.',
];
export const NEXT_STEP_SENTENCES = ['Monitor the {n} for a week.', 'Plan a {o} upgrade next quarter.'];

export const FIRST_NAMES = words(`
  Aaliyah Aaron Abigail Adam Adrian Aisha Alba Alex Alice Amara Amir Ana Andre Anna Arjun Astrid Ava
  Ben Bianca Carla Carlos Chen Chloe Clara Daniel Dara David Diego Elena Eli Emma Erik Eva Farah Felix
  Fatima Finn Freya Gabriel Grace Hana Hannah Hugo Ibrahim Ines Isaac Ivan Jade James Jana Javier Ji
  Jonas Jose Julia Kai Karim Kate Keiko Lars Laura Leila Leo Liam Lina Luca Lucia Maya Mateo Mia Mila
  Mohammed Nadia Nathan Nia Nina Noah Nora Olga Omar Oscar Paula Pedro Priya Rafael Rania Ravi Rosa
  Ruth Sam Sara Sofia Tariq Tess Theo Tomas Uma Victor Wei Yara Yusuf Zara Zoe
`);
export const LAST_NAMES = words(`
  Abbott Adeyemi Alvarez Andersen Bauer Becker Bianchi Brown Campbell Chen Costa Cruz Dubois Eriksson
  Fernandes Fischer Garcia Gomez Gupta Hansen Hoffmann Hughes Ibrahim Ivanova Jansen Jensen Johnson Kaur
  Kim Kowalski Kumar Larsen Lee Lopez Martin Meyer Moreau Muller Murphy Nakamura Nguyen Novak Okafor
  Olsen Patel Perez Petrov Quinn Ramos Reyes Rossi Santos Schmidt Silva Singh Smith Suzuki Tanaka Taylor
  Torres Vargas Walsh Weber Williams Wilson Wong Yamamoto Yilmaz Zhang
`);
export const ORGANIZATION_PREFIXES = words(`
  Alder Amber Apex Arbor Aspen Atlas Aurora Basalt Beacon Birch Blue Bright Cedar Cobalt Copper Coral
  Crest Delta Eastern Echo Ember Evergreen Falcon Fern Granite Harbor Helix Horizon Indigo Iron Juniper
  Keystone Lake Lantern Laurel Linden Lumen Maple Meridian Metro Mosaic Nimbus North Oak Onyx Orbit Pine
  Pioneer Prairie Quarry Redwood Ridge River Sable Sage Signal Silver Summit Terra Tidal Vertex Willow
`);
export const ORGANIZATION_KINDS = words(`
  Logistics Health Bank Foods Energy Labs Retail Media Insurance Legal Systems Pharma Travel Hotels
  Motors Textiles Dental Clinics Schools Studios Farms Freight Capital Robotics Telecom Utilities
  Construction Realty Brewing Aviation Marine Security Analytics Printing Biotech Outdoor
`);
export const FREE_MAIL_DOMAINS = ['mail.example', 'inbox.example', 'post.example', 'webmail.example'];

export const DEPARTMENTS: readonly { name: string; parent: string | null }[] = [
  { name: 'Service Desk', parent: null },
  { name: 'Network', parent: 'IT Operations' },
  { name: 'Workplace', parent: 'IT Operations' },
  { name: 'Billing', parent: null },
  { name: 'Security', parent: null },
  { name: 'Applications', parent: null },
  { name: 'Field Services', parent: 'Support' },
  { name: 'Onboarding', parent: null },
];
export const TEAMS = words(
  'Tier1 Tier2 Escalations NightShift EMEA Americas APAC Identity Endpoints Databases Messaging Cloud',
).map((name) => name.replace(/(\d)/, ' $1').replace(/([a-z])([A-Z])/, '$1 $2'));
export const TOPICS: readonly { name: string; department: string }[] = [
  { name: 'Hardware request', department: 'Workplace' },
  { name: 'Software installation', department: 'Applications' },
  { name: 'Billing question', department: 'Billing' },
  { name: 'Network outage', department: 'Network' },
];

/** Tags, most common first. */
export const TAGS = words(`
  vip hardware software network billing outage security onboarding access email printer mobile vpn
  escalated vendor recurring windows macos linux remote office warranty refund shipping urgent
  follow-up known-issue training license audit feedback
`);

/** Words the benchmark searches for: a very common noun, a rare one from the tail, and a shared prefix. */
export const BENCH_WORDS = {
  common: 'password',
  rare: 'mezzanine',
  prefix: 'cert',
};
