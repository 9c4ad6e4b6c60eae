verb "help" any any any rxd
/* help, or help <command>. */
$help:show(argstr);
