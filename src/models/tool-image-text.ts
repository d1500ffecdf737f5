/** `an image` or `3 images`: how tool-result notes name a number of images. */
export function imagesPhrase(count: number): string {
  return count === 1 ? 'an image' : `${count} images`;
}

/** The note a tool message keeps when its images travel in the next user message. */
export function imagesFollowNote(count: number): string {
  return `[${imagesPhrase(count)}: in the next user message]`;
}

/** The line above one tool's images in that user message, naming the tool and the call. */
export function toolImagesCaption(name: string, toolCallId: string, count: number): string {
  const what = count === 1 ? 'The image' : `The ${count} images`;
  return `${what} returned by tool "${name}" (call ${toolCallId}):`;
}
