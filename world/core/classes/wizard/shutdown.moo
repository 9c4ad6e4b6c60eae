verb "@shutdown" any any any rxd
/* @shutdown [<message>]: stop the server (the world is already saved). */
if (caller != player || !player.wizard)
  return player:tell("Only wizards can do that.");
endif
player:tell("Shutting down the server.");
try
  shutdown(argstr);
except e (ANY)
  player:tell("The server did not shut down: ", e[2]);
endtry
