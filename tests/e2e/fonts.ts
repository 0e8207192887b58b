/**
 * Which fonts Chromium drew a node's text with (CSS.getPlatformFontsForNode, through
 * the DevTools protocol): a web font counts as custom, a system font as not.
 */
import type { Page } from '@playwright/test';

export interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The fonts Chromium drew the text of the `index`th element matching `selector` with. */
export async function fontsDrawing(page: Page, selector: string, index = 0): Promise<PlatformFont[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const nodeId = nodeIds[index];
  if (nodeId === undefined) throw new Error(`no element ${index} of ${selector}`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}
