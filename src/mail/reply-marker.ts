/**
 * The line Tessera puts at the top of every notification. Everything a person writes above it is their
 * reply; the inbound parser cuts the message there before trying the usual client quoting styles.
 */
export const REPLY_MARKER = '##- Please type your reply above this line -##';
