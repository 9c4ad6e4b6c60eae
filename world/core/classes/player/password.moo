verb "@password" any any any rxd
/* @password <old> <new> (just @password <new> while you have none).
   Only the hash is kept: see password_hash(). */
hash = player.password;
if (!hash && length(args) == 1)
  args = {"", @args};
endif
if (length(args) != 2)
  return player:tell("Usage: @password <old password> <new password>");
endif
{old, new} = args;
if (hash && !password_verify(old, hash))
  return player:tell("That is not your password.");
elseif (!new)
  return player:tell("Your new password can't be empty.");
endif
player.password = password_hash(new);
player:tell("Password changed.");
