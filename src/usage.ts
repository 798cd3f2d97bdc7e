// Kept free of imports: the launcher prints it even on a Node too old to run the app.

/** The --help text. */
export const USAGE = `
  Usage
    $ kview [options]
    $ kview dump VIEW [options]   Print a view's table once and exit (no terminal needed)
    $ kview sim [sim options]     Run the simulated Kubernetes cluster and print its kubeconfig

  Options
    --demo                 Open on the built-in simulated cluster (no cluster needed;
                           --pods N and --churn R make it bigger and busier)
    --kubeconfig FILE      Kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)
    --context NAME         Kubeconfig context (default: its current-context)
    -n, --namespace NAME   Start in a namespace (default: the context's, else default)
    -A, --all-namespaces   Start across all namespaces (--demo starts there)
    --view KIND            First view to open (default: pods; containers when there
                           is no kubeconfig)
    --keymap NAME|FILE     Keymap: vim (default), k9s, or a file
    --theme NAME|FILE      Theme: default, light, monochrome, or a file
    --readonly             Refuse every action that changes anything
    --version              Print the version
    --help                 Print this help

  Docker
    The engine the docker CLI would use: DOCKER_HOST (unix://, tcp:// with
    DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, ssh://user@host), else DOCKER_CONTEXT or the
    CLI's current context, else the local socket. :dctx lists and switches engines.

  Dump options (and --kubeconfig, --context, -n, -A as above)
    VIEW                   A view or alias: pods, po, deploy, svc, nodes, containers,
                           images, volumes, networks, compose, ...
    -o, --output FORMAT    wide (kubectl's -o wide columns) or json (an array of
                           {"HEADER": "cell"} objects, wide columns included)

  Sim options
    --port P               Listen on 127.0.0.1:P (default: a free port)
    --scenario NAME|FILE   demo (default), empty, or a file of Kubernetes manifests
    --pods N               Add N pods in load-* namespaces (up to 50,000)
    --churn R              Pod updates per second
    --kubeconfig-out FILE  Where to write the kubeconfig (default: a temp file)
    --drop-watches S       Cut every watch connection each S seconds
    --error-rate F         Answer a fraction F (0..1) of requests with 500
    --watch-history N      Keep N watch events (small: clients must relist after 410)

  Keys
    j/k move, gg/G top/bottom, enter open, esc back, : views, / filter, ? help, q quit

  Config
    $XDG_CONFIG_HOME/kview/config.yaml (default ~/.config/kview/config.yaml):
    keymap, theme, aliases, bindings, readonly. NO_COLOR selects the monochrome theme.
`;
