// Kept free of imports: the launcher prints it even on a Node too old to run the app.

/** The --help text. */
export const USAGE = `
  Usage
    $ kview [options]

  Options
    --demo                 Open on a built-in demo cluster (no cluster needed)
    -n, --namespace NAME   Start in a namespace
    -A, --all-namespaces   Start across all namespaces (the default)
    --view KIND            First view to open (default: pods)
    --keymap NAME|FILE     Keymap: vim (default), k9s, or a file
    --theme NAME|FILE      Theme: default, light, monochrome, or a file
    --readonly             Refuse every action that changes anything
    --version              Print the version
    --help                 Print this help

  Keys
    j/k move, gg/G top/bottom, enter open, esc back, : views, / filter, ? help, q quit

  Config
    $XDG_CONFIG_HOME/kview/config.yaml (default ~/.config/kview/config.yaml):
    keymap, theme, aliases, bindings, readonly. NO_COLOR selects the monochrome theme.
`;
