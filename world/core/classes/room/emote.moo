verb "emote" any any any rxd
/* emote <text>, or :<text>. ":'s hungry" reads "Ann's hungry": no space before punctuation. */
sep = argstr && index("',.:;!?", argstr[1]) ? "" | " ";
this:announce_all(player.name, sep, argstr);
