// Colours from VS Code's theme variables, so charts read well in light, dark and high-contrast themes.

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartTheme {
  foreground: string;
  background: string;
  grid: string;
  axis: string;
  palette: string[];
}

export function chartTheme(): ChartTheme {
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const foreground = cssVar('--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  return {
    foreground,
    background: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    grid: dark ? 'rgba(255,255,255,0.10)' : 'rgba(0,0,0,0.10)',
    axis: cssVar('--vscode-descriptionForeground', foreground),
    palette: [
      cssVar('--vscode-charts-blue', '#3794ff'),
      cssVar('--vscode-charts-orange', '#d18616'),
      cssVar('--vscode-charts-green', '#89d185'),
      cssVar('--vscode-charts-red', '#f14c4c'),
      cssVar('--vscode-charts-purple', '#b180d7'),
      cssVar('--vscode-charts-yellow', '#cca700'),
      // Beyond VS Code's six chart colours: Grafana-like hues that hold up on both backgrounds.
      '#1f9e89', '#e05fa6', '#6f8fd8', '#b8860b', '#17becf', '#8c564b', '#7f7f7f', '#bcbd22',
    ],
  };
}
