verb "confunc" this none this rxd
/* #0's user_* hooks call this when a connection logs in as this player;
   args[1] says how (user_created, user_connected or user_reconnected). */
if (caller != #0)
  return E_PERM;
endif
{how} = args;
if (how == "user_created")
  this:tell("Welcome, ", this.name, "! Type \"help\" to see what you can do here.");
elseif (how == "user_reconnected")
  this:tell("*** Reconnected ***");
endif
if (valid(this.location))
  this.location:look_self(this);
else
  move(this, $player_start);
endif
if (how != "user_reconnected")
  this.location:announce(this.name, " has connected.");
endif
if (this.wizard && !this.password)
  this:tell("*** You have no password, so anyone can connect as you: set one with @password. ***");
endif
