-- Where the ghost exists (execute mode, on the replica): gh_ost_test_ai and
-- gh_ost_test_bi_ght are on it.
delimiter ;;
if exists (select 1 from information_schema.tables
           where table_schema = 'test' and table_name = '_gh_ost_test_gho') and
   (select coalesce(group_concat(trigger_name order by trigger_name), '')
      from information_schema.triggers
     where trigger_schema = 'test' and event_object_table = '_gh_ost_test_gho')
   <> 'gh_ost_test_ai,gh_ost_test_bi_ght' then
  signal sqlstate '45000' set message_text = 'the ghost triggers are not named as expected';
end if ;;
delimiter ;
