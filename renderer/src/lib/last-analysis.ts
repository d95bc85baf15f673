// The COFOR last analysed in this window, so "Run the analysis again" shows fresh stages for it.
const KEY = 'portal.lastAnalysis';

export interface LastAnalysis {
  cofor?: string;
  siteCode?: string;
}

export const readLastAnalysis = (): LastAnalysis => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as LastAnalysis;
  } catch {
    return {};
  }
};

export const rememberAnalysis = (value: LastAnalysis): void => sessionStorage.setItem(KEY, JSON.stringify(value));
