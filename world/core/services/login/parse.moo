verb "parse" this none this rxd
/* parse(connection, words): one line typed before logging in. Returns the
   player to log the connection in as, or 0. An empty line is what the server
   sends when a connection opens: the welcome. */
if (caller != #0)
  return E_PERM;
endif
{conn, words} = args;
if (!words)
  return this:welcome(conn);
elseif (maphaskey(this.commands, words[1]))
  return this:(this.commands[words[1]])(conn, @words[2..$]);
endif
notify(conn, "Type \"connect <name> <password>\", \"create <name> <password>\", or \"help\".");
return 0;
