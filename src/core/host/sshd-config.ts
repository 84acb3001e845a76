/**
 * The sshd_config block an operator pastes for the exam account: keys come
 * only from frontline's managed file, a pty is allowed (the test is a TUI),
 * nothing is forwarded, and a dead connection is noticed within two minutes
 * (the attempt is kept either way). The client's environment is ignored by
 * `PermitUserEnvironment no`, sshd's default, which sshd allows only outside
 * a Match block: the block starts with a comment saying so.
 */
export function sshdConfigBlock(user: string, authorizedKeysFile: string): string {
  return [
    '# Keep PermitUserEnvironment at its default (no) in the global section.',
    `Match User ${user}`,
    `    AuthorizedKeysFile ${authorizedKeysFile}`,
    '    AuthenticationMethods publickey',
    '    PasswordAuthentication no',
    '    KbdInteractiveAuthentication no',
    '    PermitTTY yes',
    '    AllowTcpForwarding no',
    '    AllowStreamLocalForwarding no',
    '    AllowAgentForwarding no',
    '    DisableForwarding yes',
    '    X11Forwarding no',
    '    PermitTunnel no',
    '    GatewayPorts no',
    '    PermitUserRC no',
    '    ClientAliveInterval 30',
    '    ClientAliveCountMax 4',
    '',
  ].join('\n');
}
