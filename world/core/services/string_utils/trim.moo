verb "trim" this none this rxd
/* The text without spaces at either end. */
{text} = args;
while (text && text[1] == " ")
  text = text[2..$];
endwhile
while (text && text[$] == " ")
  text = text[1..$ - 1];
endwhile
return text;
