/**
 * A recognizable fake API key. Every scenario that sends a key uses this one, and the secrets test searches
 * everything the suite produced for it (and for its distinctive middle part, in case a message cut it).
 */
export const FAKE_API_KEY = 'sk-dragoman-FAKEKEY-4c7e19b2a05d';

/** A piece of the key long enough to be unique, for finding partial leaks. */
export const FAKE_KEY_MARKER = 'FAKEKEY-4c7e19b2';
